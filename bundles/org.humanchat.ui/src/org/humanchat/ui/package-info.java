/** What the desk's parts share: the session of the signed-in agent. */
@org.osgi.annotation.versioning.Version("0.1.1")
package org.humanchat.ui;
