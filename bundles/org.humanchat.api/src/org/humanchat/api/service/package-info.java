/** The services the desk, the endpoint and the connectors call; implemented by org.humanchat.core. */
@org.osgi.annotation.versioning.Version("0.1.2")
package org.humanchat.api.service;
