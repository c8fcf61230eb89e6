/** What the rules need from storage: transactions with row locks, implemented by org.humanchat.persistence. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.humanchat.core.spi;
