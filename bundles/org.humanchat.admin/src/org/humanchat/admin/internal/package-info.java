/** Connector administration: bundle life cycle, drop-in folder, Metatype forms. Internal. */
package org.humanchat.admin.internal;
