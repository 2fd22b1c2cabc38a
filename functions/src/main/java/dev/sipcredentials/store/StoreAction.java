package dev.sipcredentials.store;

/**
 * The DynamoDB actions a function's role allows (template.yaml), as its route declares them: SnapStart priming
 * sends only these ({@link StorePriming}), so a function is never primed with a call its role would refuse.
 */
public enum StoreAction {
    PUT_ITEM,
    GET_ITEM,
    /** Deletes inside a TransactWriteItems (IAM authorises each as DeleteItem). */
    DELETE_ITEM,
    /** Updates inside a TransactWriteItems (IAM authorises each as UpdateItem). */
    UPDATE_ITEM,
    /** ConditionChecks inside a TransactWriteItems (IAM authorises each as ConditionCheckItem). */
    CONDITION_CHECK_ITEM,
    TRANSACT_WRITE_ITEMS,
    /** Queries of the listing index (IAM: dynamodb:Query on the index ARN). */
    QUERY
}
