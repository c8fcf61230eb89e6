/** The desk's parts, handlers and their helpers. */
package org.humanchat.ui.internal;
