/** Tracks channel connectors (whiteboard), gives each its context over the domain services, delivers the outbox. */
package org.humanchat.channel.runtime.internal;
