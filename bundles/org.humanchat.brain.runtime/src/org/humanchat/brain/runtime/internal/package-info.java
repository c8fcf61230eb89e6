/** Calls Brains for the conversations they handle and applies their answers, off the threads that serve people. */
package org.humanchat.brain.runtime.internal;
