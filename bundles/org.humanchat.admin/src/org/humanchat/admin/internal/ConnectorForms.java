package org.humanchat.admin.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.humanchat.api.connector.ConfigField;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorKind;
import org.humanchat.api.connector.ConnectorType;
import org.humanchat.api.connector.FieldType;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Configuration forms from the OSGi Metatype a connector bundle carries for its factory PIDs. */
final class ConnectorForms {

    private final MetaTypeService metaTypes;

    ConnectorForms(MetaTypeService metaTypes) {
        this.metaTypes = metaTypes;
    }

    /** The type's name and description from the Metatype; the PID itself when the bundle describes none. */
    ConnectorType type(Bundle bundle, String factoryPid, ConnectorKind kind) {
        return definition(bundle, factoryPid)
                .map(ocd -> new ConnectorType(factoryPid, kind, ocd.getName(),
                        Optional.ofNullable(ocd.getDescription()).orElse("")))
                .orElseGet(() -> new ConnectorType(factoryPid, kind, factoryPid, ""));
    }

    ConfigForm form(Bundle bundle, ConnectorType type) {
        List<ConfigField> fields = new ArrayList<>();
        definition(bundle, type.factoryPid()).ifPresent(ocd -> {
            for (AttributeDefinition ad : all(ocd)) {
                fields.add(field(ad, required(ocd, ad)));
            }
        });
        return new ConfigForm(type, fields);
    }

    Optional<AttributeDefinition> attribute(Bundle bundle, String factoryPid, String id) {
        return definition(bundle, factoryPid).flatMap(ocd -> all(ocd).stream()
                .filter(ad -> ad.getID().equals(id)).findFirst());
    }

    private Optional<ObjectClassDefinition> definition(Bundle bundle, String factoryPid) {
        MetaTypeInformation info = metaTypes.getMetaTypeInformation(bundle);
        if (info == null || !Arrays.asList(info.getFactoryPids()).contains(factoryPid)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(info.getObjectClassDefinition(factoryPid, null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<AttributeDefinition> all(ObjectClassDefinition ocd) {
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return ads == null ? List.of() : List.of(ads);
    }

    private static boolean required(ObjectClassDefinition ocd, AttributeDefinition ad) {
        AttributeDefinition[] required = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        return required != null && Arrays.stream(required).anyMatch(r -> r.getID().equals(ad.getID()));
    }

    private static ConfigField field(AttributeDefinition ad, boolean required) {
        String[] defaults = ad.getDefaultValue();
        // An empty default still is a default: the field may stay empty.
        boolean hasDefault = defaults != null && defaults.length > 0;
        boolean multiple = ad.getCardinality() != 0;
        String defaultValue = !hasDefault || ad.getType() == AttributeDefinition.PASSWORD ? ""
                : String.join(multiple ? "\n" : ",", defaults);
        List<ConfigField.Option> options = new ArrayList<>();
        String[] values = ad.getOptionValues();
        String[] labels = ad.getOptionLabels();
        if (values != null) {
            for (int i = 0; i < values.length; i++) {
                options.add(new ConfigField.Option(values[i], labels != null && i < labels.length ? labels[i] : values[i]));
            }
        }
        return new ConfigField(ad.getID(), Optional.ofNullable(ad.getName()).orElse(ad.getID()),
                Optional.ofNullable(ad.getDescription()).orElse(""), fieldType(ad.getType()),
                required && !hasDefault, defaultValue, options, multiple);
    }

    static FieldType fieldType(int metatype) {
        return switch (metatype) {
            case AttributeDefinition.PASSWORD -> FieldType.SECRET;
            case AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> FieldType.INTEGER;
            case AttributeDefinition.LONG -> FieldType.LONG;
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> FieldType.DOUBLE;
            case AttributeDefinition.BOOLEAN -> FieldType.BOOLEAN;
            default -> FieldType.TEXT;
        };
    }
}
