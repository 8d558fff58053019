package dbt.frontend;

import java.io.File;

/** Where this module's classes were loaded from: its jar, or its directory of classes (in a build or a test). */
final class ModuleLocation {
    private ModuleLocation() {}

    /** The jar or class directory of the frontend module, or null where the class loader does not say. */
    static File get() {
        try {
            java.security.CodeSource source = ModuleLocation.class.getProtectionDomain().getCodeSource();
            return source == null ? null : new File(source.getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
