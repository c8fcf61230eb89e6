package org.humanchat.api.connector;

/** The type of a configuration field, from the connector's Metatype. */
public enum FieldType {
    TEXT, SECRET, INTEGER, LONG, DOUBLE, BOOLEAN
}
