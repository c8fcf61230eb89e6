/**
 * The contract between Human Chat and a Brain: what a Brain is asked, what it may answer, when it is told to leave.
 * It has its own small types for the contact and the history ({@link org.humanchat.brain.api.BrainContact},
 * {@link org.humanchat.brain.api.HistoryEntry}) instead of the domain model's, so that a Brain is built against
 * this package alone and a change of the desk's model does not break it.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.humanchat.brain.api;
