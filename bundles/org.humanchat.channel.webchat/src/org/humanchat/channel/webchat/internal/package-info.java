/** The web chat channel: an embeddable widget, visitor sessions, live replies over Server-Sent Events. */
package org.humanchat.channel.webchat.internal;
