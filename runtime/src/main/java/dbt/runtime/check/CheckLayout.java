package dbt.runtime.check;

/** Where equivalence cases live in guest memory: one code page (the next one unmapped) and a data region. */
final class CheckLayout {
    private CheckLayout() {}

    static final long CODE = 0x10000;
    static final long CODE_END = CODE + 0x1000;
    static final long DATA = 0x20000;
    static final int DATA_BYTES = 0x2000;
}
