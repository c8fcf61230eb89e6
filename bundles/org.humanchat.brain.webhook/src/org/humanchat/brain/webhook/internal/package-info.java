/** A Brain behind any HTTP service that speaks the Human Chat webhook Brain protocol (README). */
package org.humanchat.brain.webhook.internal;
