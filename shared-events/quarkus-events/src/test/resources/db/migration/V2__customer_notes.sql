-- Personal data the test application keeps about users, for PersonalDataRequestsTest.
CREATE TABLE customer_notes (
    user_id text NOT NULL,
    note    text NOT NULL
);
