/** The conversation domain as values: environments, channels, contacts, conversations, messages, agents, Brains. */
@org.osgi.annotation.versioning.Version("0.1.2")
package org.humanchat.api.model;
