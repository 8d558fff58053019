package dbt.isa.model;


/**
 * Tells an instruction's length in bits from its first parcel: the first rule whose
 * {@code (parcel & mask) == match} (or {@code !=} when negated) applies; a rule with mask 0 always applies.
 */
public record LengthRule(int bits, long mask, long match, boolean negated) {
    public boolean applies(long firstParcel) {
        return mask == 0 || (((firstParcel & mask) == match) != negated);
    }
}
