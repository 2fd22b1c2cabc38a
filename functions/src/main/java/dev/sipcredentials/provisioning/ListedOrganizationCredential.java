package dev.sipcredentials.provisioning;

/**
 * A deepslate credential as a listing shows it, with its position in the organization's listing order (creation
 * time, then id): the opaque value a cursor carries to continue after it.
 */
public record ListedOrganizationCredential(StoredOrganizationCredential credential, String position) {
    private static final java.util.regex.Pattern POSITION = java.util.regex.Pattern.compile(
            "[0-9]{13}#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Whether {@code position} is one a listing gives out: 13-digit creation millis, '#', a lower-case UUID. */
    public static boolean isPosition(String position) {
        return position != null && POSITION.matcher(position).matches();
    }
}
