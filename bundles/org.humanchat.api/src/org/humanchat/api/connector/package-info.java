/**
 * Administration of channel and Brain connectors at runtime: installing, updating, stopping and removing connector
 * bundles, and configuring their instances from forms described by the connectors' OSGi Metatype.
 */
@org.osgi.annotation.versioning.Version("0.1.1")
package org.humanchat.api.connector;
