/** The Telegram channel connector. */
package org.humanchat.channel.telegram.internal;
