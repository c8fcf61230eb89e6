/** EventAdmin topics published on every change, and the keys of their payloads. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.humanchat.api.event;
