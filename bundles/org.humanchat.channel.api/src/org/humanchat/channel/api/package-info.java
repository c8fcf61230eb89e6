/**
 * The contract between Human Chat's endpoint and a channel connector (web chat, webhook, WhatsApp, Telegram,
 * Messenger...). A connector turns a platform's requests into {@link org.humanchat.channel.api.IncomingMessage}s and
 * sends {@link org.humanchat.channel.api.OutgoingMessage}s through the platform's API. It knows nothing of the
 * database, the HTTP server or the desk.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.humanchat.channel.api;
