package org.skyhold.app.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds a provider field's name written as a string literal ({@code "aws_region"}) in the main sources of any module
 * ({@code MODULE/src/main/java/**.java} and {@code MODULE/src/main/jte/**.jte}) outside the package of the kind that
 * owns the field.
 */
final class FieldNameScanner {
    private FieldNameScanner() {
    }

    /**
     * @param root   the project root, whose subfolders are the modules
     * @param owners field name to the owning kind's package ({@code org.skyhold.providers.aws})
     * @return one line per offending occurrence: file, line number and field
     */
    static List<String> violations(Path root, Map<String, String> owners) {
        List<String> found = new ArrayList<>();
        for (Path file : mainSources(root)) {
            String path = root.relativize(file).toString().replace('\\', '/');
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            owners.forEach((field, pkg) -> {
                if (path.contains("/src/main/java/" + pkg.replace('.', '/') + "/")) {
                    return;
                }
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("\"" + field + "\"")) {
                        found.add(path + ":" + (i + 1) + " names " + field + " (owned by " + pkg + ")");
                    }
                }
            });
        }
        return found;
    }

    private static List<Path> mainSources(Path root) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                for (String dir : List.of("src/main/java", "src/main/jte")) {
                    Path base = module.resolve(dir);
                    if (Files.isDirectory(base)) {
                        try (Stream<Path> walk = Files.walk(base)) {
                            walk.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".jte"))
                                    .forEach(files::add);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
