/** The services the desk, the endpoint and the connectors call; implemented by org.humanchat.core. */
@org.osgi.annotation.versioning.Version("0.1.4")
package org.humanchat.api.service;
