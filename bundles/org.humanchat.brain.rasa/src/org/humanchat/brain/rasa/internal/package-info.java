/** A Brain on a Rasa server, through Rasa's REST channel. */
package org.humanchat.brain.rasa.internal;
