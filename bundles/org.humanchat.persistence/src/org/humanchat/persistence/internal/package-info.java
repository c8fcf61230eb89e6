/** EclipseLink persistence of the conversation domain, its Flyway schema and the inbox counters. */
package org.humanchat.persistence.internal;
