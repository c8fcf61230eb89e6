/** The built-in Brain: greeting, FAQ answers by keywords, handover on request or after unanswered messages. */
package org.humanchat.brain.rules.internal;
