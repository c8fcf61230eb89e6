package org.humanchat.api.service;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

/** The HTTP endpoint channels post to, as the desk shows it: where it listens and how many channels it serves. */
@ProviderType
public interface EndpointStatus {

    /** The base address, e.g. {@code http://127.0.0.1:8737/}. */
    URI baseUri();

    /** Channels whose connector is running. */
    int channelCount();
}
