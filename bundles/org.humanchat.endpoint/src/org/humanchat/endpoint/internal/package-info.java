/** The embedded HTTP endpoint channels post to, and the outbox sender that delivers replies through connectors. */
package org.humanchat.endpoint.internal;
