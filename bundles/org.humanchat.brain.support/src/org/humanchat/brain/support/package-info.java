/**
 * What HTTP Brain connectors share beyond the contract: one request to a Brain with failures sorted into retryable
 * and final ({@link org.humanchat.brain.support.HttpBrainCall}), and the retries with back-off
 * ({@link org.humanchat.brain.support.RetryPolicy}). Kept out of {@code org.humanchat.brain.api} so that the API
 * holds only the contract.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.humanchat.brain.support;
