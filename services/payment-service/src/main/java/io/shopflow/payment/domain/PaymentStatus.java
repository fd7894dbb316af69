package io.shopflow.payment.domain;

/** Where a payment is; see db/migration/V1__payments.sql for what each one means. */
public enum PaymentStatus {
    PENDING, COMPLETED, FAILED, CANCELLED, VOID_PENDING, VOIDED, REFUND_PENDING, REFUNDED
}
