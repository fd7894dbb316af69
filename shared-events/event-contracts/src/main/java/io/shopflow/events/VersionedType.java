package io.shopflow.events;

import java.util.regex.Pattern;

/** The {@code Name.vN} form of {@code ce_type}. */
public record VersionedType(String name, int version) {

    private static final Pattern FORM = Pattern.compile("([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]{0,4})");

    public static String format(String name, int version) {
        return name + ".v" + version;
    }

    /** Parses {@code OrderPlaced.v2}; anything else is a {@link MalformedEventException}. */
    public static VersionedType parse(String ceType) {
        var match = ceType == null ? null : FORM.matcher(ceType);
        if (match == null || !match.matches()) {
            throw new MalformedEventException("ce_type '" + ceType + "' is not of the form Name.vN");
        }
        return new VersionedType(match.group(1), Integer.parseInt(match.group(2)));
    }

    @Override
    public String toString() {
        return format(name, version);
    }
}
