/** The conversation domain as values: environments, channels, contacts, conversations, messages, agents, Brains. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.humanchat.api.model;
