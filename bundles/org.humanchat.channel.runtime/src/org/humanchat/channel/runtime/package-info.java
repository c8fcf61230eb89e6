/** The channel connectors running in this runtime, as the endpoint routes requests to them. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.humanchat.channel.runtime;
