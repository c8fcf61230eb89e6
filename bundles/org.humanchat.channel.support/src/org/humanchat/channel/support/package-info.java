/**
 * What channel connectors share beyond the contract: calls to a platform's API with failures sorted for the outbox
 * ({@link org.humanchat.channel.support.PlatformCall}), fetching the files end users send
 * ({@link org.humanchat.channel.support.MediaFetch}), multipart bodies, HMAC request signatures and the WebSub
 * handshake. Kept out of {@code org.humanchat.channel.api} so that the API holds only the contract, and a connector
 * that needs none of it imports none of it.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.humanchat.channel.support;
