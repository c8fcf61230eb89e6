/**
 * What the rules need from storage, implemented by org.humanchat.persistence: transactions with row locks, each
 * handing out one small interface per aggregate (conversations and messages, contacts, outbox,
 * directory, inbox, audit log).
 */
@org.osgi.annotation.versioning.Version("0.4.0")
package org.humanchat.core.spi;
