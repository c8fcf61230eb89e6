/** The contract between Human Chat and a Brain: what a Brain is asked, what it may answer, when it is told to leave. */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.humanchat.brain.api;
