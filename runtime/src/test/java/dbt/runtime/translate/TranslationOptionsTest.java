package dbt.runtime.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dbt.x86.backend.BackendOptions;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * describe(), the options part of the key of saved translations: every component that shapes code changes it (a new
 * component not added there would let code made under one option run under another).
 */
class TranslationOptionsTest {
    /** The record with one component changed (a boolean negated, a number, list, set or string replaced). */
    private static <R extends Record> R with(R record, RecordComponent changed) throws ReflectiveOperationException {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int k = 0; k < components.length; k++) {
            Object v = components[k].getAccessor().invoke(record);
            types[k] = components[k].getType();
            if (components[k].getName().equals(changed.getName())) {
                v = switch (v) {
                    case Boolean b -> !b;
                    case Integer n -> n + 1;
                    case BackendOptions b -> b.withRegions(!b.regions());
                    case null -> types[k] == String.class ? BackendOptions.REGION_SIDE_EXIT : List.of(2, 10);
                    case List<?> l -> List.of(2, 8);
                    case Set<?> s -> Set.of("dce");
                    default -> throw new AssertionError("no change for " + changed + " = " + v);
                };
            }
            values[k] = v;
        }
        @SuppressWarnings("unchecked")
        R r = (R) record.getClass().getDeclaredConstructor(types).newInstance(values);
        return r;
    }

    @Test
    void everyBackendSwitchChangesTheDescription() throws ReflectiveOperationException {
        BackendOptions base = BackendOptions.all();
        for (RecordComponent c : BackendOptions.class.getRecordComponents()) {
            assertNotEquals(base.describe(), with(base, c).describe(), c.getName());
        }
    }

    @Test
    void everyTranslationOptionButTheDebugOutputChangesTheDescription() throws ReflectiveOperationException {
        TranslationOptions base = TranslationOptions.all();
        List<String> checked = new ArrayList<>();
        for (RecordComponent c : TranslationOptions.class.getRecordComponents()) {
            if (c.getName().equals("debug")) { // (no translation is saved while -d prints them)
                continue;
            }
            assertNotEquals(base.describe(), with(base, c).describe(), c.getName());
            checked.add(c.getName());
        }
        assertEquals(TranslationOptions.class.getRecordComponents().length - 1, checked.size());
    }

    @Test
    void theDescriptionDoesNotDependOnASetsOrder() {
        TranslationOptions a = TranslationOptions.of(Set.of("dce", "fold", "sext"), true, true, true, true, true, true);
        TranslationOptions b = TranslationOptions.of(Set.of("sext", "dce", "fold"), true, true, true, true, true, true);
        assertEquals(a.describe(), b.describe());
    }
}
