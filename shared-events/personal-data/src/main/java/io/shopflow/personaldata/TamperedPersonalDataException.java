package io.shopflow.personaldata;

/**
 * An envelope that cannot be what the sealer wrote: malformed, altered (its authentication tag fails), naming a key
 * that never existed, or sealed for another person than the one it is read for. Refused loudly: unlike an erased
 * person's data, this is never a value a reader can go on with.
 */
public class TamperedPersonalDataException extends RuntimeException {

    public TamperedPersonalDataException(String message) {
        super(message);
    }

    public TamperedPersonalDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
