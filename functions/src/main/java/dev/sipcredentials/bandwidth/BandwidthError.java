package dev.sipcredentials.bandwidth;

/**
 * Every error code the XML API answers with. Per-entry codes appear in {@code <Errors><Error>}; request codes
 * in {@code <ResponseStatus>}. 1003 and 23009 and their texts come from Bandwidth's documentation; the others
 * are ours, listed in the README.
 */
public enum BandwidthError {
    // Per entry.
    USER_NAME_REQUIRED(1003, 400, "UserName is required"),
    HASH1_REQUIRED(1004, 400, "Hash1 is required"),
    USER_NAME_TOO_LONG(1005, 400, "UserName must be at most 32 characters"),
    DOMAIN_TOO_LONG(1006, 400, "Domain must be at most 32 characters"),
    HASH1_TOO_LONG(1007, 400, "Hash1 must be at most 64 characters"),
    HASH1B_TOO_LONG(1008, 400, "Hash1b must be at most 64 characters"),
    USER_NAME_WITH_AT_AND_DOMAIN(1009, 400, "UserName must not contain '@' when Domain is given"),
    USER_NAME_INVALID(1010, 400, "UserName contains characters that are not allowed"),
    DOMAIN_INVALID(1011, 400, "Domain contains characters that are not allowed"),
    HASH_INVALID(1012, 400, "Hash1 and Hash1b must be printable ASCII without spaces"),
    UNEXPECTED_ELEMENT(1013, 400, "SipCredential may only contain UserName, Domain, Hash1 and Hash1b, each holding text"),
    REPEATED_ELEMENT(1014, 400, "SipCredential contains the same element more than once"),
    ALREADY_EXISTS(23009, 409, null),
    STORE_UNAVAILABLE(19001, 503,
            "The credential was not stored: temporary storage failure. Retry it; if it was stored after all, the retry answers 23009."),
    NOT_ATTEMPTED(19002, 503, "The credential was not stored: the request ran out of time before writing it. Retry it."),
    STORE_FAILURE(19003, 500, "The credential was not stored: internal storage error."),

    // Whole request.
    INVALID_ACCOUNT_ID(1100, 400, "accountId must be 1 to 32 letters, digits, '-' or '_'"),
    UNSUPPORTED_CONTENT_TYPE(1101, 415, "Content-Type must be application/xml or text/xml (UTF-8)"),
    EMPTY_BODY(1102, 400, "The request body is empty"),
    BODY_TOO_LARGE(1103, 413, "The request body is larger than 4 MiB"),
    MALFORMED_XML(1104, 400, "The request body is not well-formed XML"),
    DTD_NOT_ALLOWED(1105, 400, "DOCTYPE declarations and entities are not allowed"),
    WRONG_ROOT(1106, 400, "The root element must be SipCredentials"),
    UNEXPECTED_CONTENT(1107, 400, "SipCredentials may only contain SipCredential elements"),
    NO_ENTRIES(1108, 400, "SipCredentials must contain at least one SipCredential"),
    TOO_MANY_ENTRIES(1109, 400, "SipCredentials may contain at most 5000 SipCredential elements"),
    XML_LIMIT_EXCEEDED(1110, 400, "The request body exceeds the XML limits (nesting, text length or element count)"),
    BAD_BASE64(1111, 400, "The request body is not valid base64 although isBase64Encoded is set"),
    XML_VERSION(1112, 400, "Only XML 1.0 documents are accepted"),
    INVALID_IDEMPOTENCY_KEY(1113, 400, "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces"),
    IDEMPOTENCY_KEY_REUSED(1114, 422,
            "Idempotency-Key was already used with a different request body; nothing was stored"),
    IDEMPOTENCY_IN_PROGRESS(1115, 409,
            "A request with this Idempotency-Key is still in progress; nothing was stored. Retry it later."),
    DECLARED_ENCODING(1116, 400, "The XML declaration may only name the UTF-8 encoding"),
    TENANT_RATE_LIMITED(1117, 429,
            "Too many requests for this account; nothing was stored. Retry after the seconds in Retry-After."),
    IDEMPOTENCY_UNAVAILABLE(19004, 503,
            "The Idempotency-Key could not be recorded (temporary storage failure); nothing was stored. Retry the request."),
    // Listing (GET /accounts/{accountId}/sipcredentials): its query parameters, and what a read may answer.
    INVALID_PAGE(1300, 400, "page must be 1 or the composite name of a credential: {UserName}@{Domain} or {UserName}"),
    INVALID_SIZE(1301, 400, "size must be a whole number from 1 to 1000"),
    INVALID_USER_NAME_FRAGMENT(1302, 400,
            "usernamefragment must be 3 to 32 characters of a UserName (letters, digits, -_.!~*'()&=+$,;?/%)"),
    INVALID_DOMAIN_FRAGMENT(1303, 400, "domainfragment must be 3 to 32 letters, digits, '-' or '.'"),
    NO_CREDENTIALS(23008, 404, null),
    LIST_UNAVAILABLE(19010, 503,
            "The credentials could not be read: temporary storage failure. Nothing was changed. Retry the request."),
    LIST_FAILURE(19011, 500, "The credentials could not be read: internal storage error. Nothing was changed."),
    INVALID_COMPOSITE_NAME(1121, 400,
            "compositeUserName must be a UserName, or UserName@Domain, as SipCredential accepts them"),
    WRONG_SINGLE_ROOT(1122, 400, "The root element must be SipCredential"),
    SINGLE_BODY_TOO_LARGE(1123, 413, "The request body is larger than 16 KiB"),
    NOT_FOUND(23007, 404, null),
    NAME_CHANGE(23004, 400, "Unable to change the UserName or the Domain associated with the Hash Values. To do so"
            + " requires deletion of one set of credentials and addition of a new set of credentials."),
    READ_UNAVAILABLE(19005, 503, "The store is temporarily unavailable; nothing was read or changed. Retry the request."),
    ACCOUNT_NOT_GRANTED(1200, 403, "The access token does not grant this account"),
    INTERNAL_ERROR(1500, 500, "Internal error; nothing was stored");

    /** Bandwidth's status text when no entry was created because every entry was refused. */
    public static final String ALL_INVALID_DESCRIPTION = "Please check your input parameters.";
    /** Our status text when no entry was created and at least one may succeed on retry. */
    public static final String RETRY_DESCRIPTION =
            "No credential was stored: temporary storage failure. Retry the entries reported with 19001 or 19002.";

    private final int code;
    private final int status;
    private final String description;

    BandwidthError(int code, int status, String description) {
        this.code = code;
        this.status = status;
        this.description = description;
    }

    public int code() {
        return code;
    }

    /** The HTTP status this error gives a whole request. */
    public int status() {
        return status;
    }

    public String description() {
        return description;
    }

    /** Bandwidth's text for 23008: the account (or, here, the page asked for) holds no credential. */
    public static String noCredentials(String accountId) {
        return "There are no Sip credentials associated with the account with ID = " + accountId;
    }

    /** Text B of the issue, Bandwidth's 404 of the routes on one credential: the name as the path gave it. */
    public static String notFound(String name, String accountId) {
        return "Sip credential " + name + " was not found on the account with ID = " + accountId;
    }

    public static String alreadyExists(String name, String accountId) {
        return "Sip credential " + name + " does already exist on the account with ID = " + accountId;
    }
}
