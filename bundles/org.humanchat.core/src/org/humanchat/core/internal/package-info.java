/** The rules of conversations, contacts, the inbox and the set-up, as DS components over the store SPI. */
package org.humanchat.core.internal;
