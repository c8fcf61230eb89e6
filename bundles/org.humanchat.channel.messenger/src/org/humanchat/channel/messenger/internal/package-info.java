/** The Facebook Messenger channel connector. */
package org.humanchat.channel.messenger.internal;
