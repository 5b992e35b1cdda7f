package io.netemu.topologies.lab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Loads a lab file (topology-format.md): YAML to a node tree that keeps every value's position,
 * then {@link LabValidator} to a {@link Lab}. Nothing boots here; the point is that every mistake
 * surfaces before anything does, each as {@code FILE:LINE:COL: message}.
 *
 * <pre>{@code
 * try {
 *     LabLoadResult r = LabLoader.load(Path.of("lab.yaml"));
 *     r.warnings().forEach(w -> System.err.println(w));
 *     run(r.lab());
 * } catch (LabException e) {
 *     e.errors().forEach(System.err::println);     // then e.warnings()
 * }
 * }</pre>
 */
public final class LabLoader {
    private LabLoader() {
    }

    /**
     * Reads and validates {@code file}; diagnostics name it as given ({@code file.toString()}).
     *
     * @throws LabException listing every error (an unreadable file is one error at 1:1)
     */
    public static LabLoadResult load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw single(name, 1, 1, "cannot read lab file: no such file");
        } catch (CharacterCodingException e) {
            throw single(name, 1, 1, "cannot read lab file: not UTF-8 text");
        } catch (IOException e) {
            throw single(name, 1, 1, "cannot read lab file: " + e);
        }
        return parse(name, text, file.toAbsolutePath().normalize().getParent());
    }

    /**
     * Validates lab text as if read from {@code fileName} (its folder, resolved against the
     * working directory, becomes {@link Lab#dir()}).
     *
     * @throws LabException listing every error
     */
    public static LabLoadResult parse(String fileName, String text) {
        return parse(fileName, text, Path.of(fileName).toAbsolutePath().normalize().getParent());
    }

    private static LabLoadResult parse(String fileName, String text, Path dir) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);   // a BOM is legal YAML; some editors write one
        }
        Node root;
        try {
            root = compose(fileName, text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(fileName, e);
        } catch (YamlEngineException e) {
            throw single(fileName, 1, 1, "YAML error: " + e.getMessage());
        }
        Diagnostics diag = new Diagnostics(fileName);
        Lab lab = LabValidator.validate(diag, root, dir == null ? Path.of("").toAbsolutePath() : dir);
        if (lab == null) {
            throw new LabException(diag.errors(), diag.warnings());
        }
        return new LabLoadResult(lab, diag.warnings());
    }

    /** The composer stage only: nodes keep their marks, nothing is constructed into Java objects. */
    private static Optional<Node> compose(String fileName, String text) {
        // Non-scalar keys are let through so the validator reports them at their own position.
        // a generated data-centre lab (70,000 nodes) is tens of MB: snakeyaml's 3 MB default would refuse it
        LoadSettings settings = LoadSettings.builder().setLabel(fileName).setAllowNonScalarKeys(true)
                .setCodePointLimit(Integer.MAX_VALUE).build();
        return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode();
    }

    /** {@code FILE:L:C: YAML syntax error: PROBLEM (CONTEXT at L:C)}, at the problem's mark. */
    private static LabException syntaxError(String fileName, MarkedYamlEngineException e) {
        Optional<Mark> at = e.getProblemMark().or(e::getContextMark);
        String message = "YAML syntax error: " + e.getProblem();
        if (e.getContext() != null && !e.getContext().isBlank()) {
            message += " (" + e.getContext()
                    + e.getContextMark().map(m -> " at " + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("") + ")";
        }
        return single(fileName, at.map(m -> m.getLine() + 1).orElse(1), at.map(m -> m.getColumn() + 1).orElse(1), message);
    }

    private static LabException single(String fileName, int line, int column, String message) {
        return new LabException(List.of(new LabDiagnostic(fileName, line, column, LabDiagnostic.Severity.ERROR, message)));
    }
}
