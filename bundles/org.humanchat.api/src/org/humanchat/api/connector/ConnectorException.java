package org.humanchat.api.connector;

import org.humanchat.api.service.HumanChatException;

/**
 * A connector operation refused, with a message an admin can act on: not a connector, corrupt, cannot resolve,
 * already installed in that version, a configuration value that does not fit its field. Nothing was changed.
 */
public class ConnectorException extends HumanChatException {

    private static final long serialVersionUID = 1L;

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
