package io.netemu.cli.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Feeds the shell lines: from JLine on a terminal (prompt, history in ~/.netemu_history, tab
 * completion), or one per line from stdin when it is not a terminal (scripts and tests), with
 * no prompt. Either way the result is the exit status of the last command run.
 */
public final class ConsoleLoop {
    static final String PROMPT = "netemu> ";

    private ConsoleLoop() {}

    /** Runs until exit, Ctrl-D or the end of the input; the last command's status. */
    public static int run(ConsoleShell shell, InputStream in) throws IOException {
        return interactive() ? terminal(shell) : lines(shell, in);
    }

    /**
     * Whether stdin and stdout are a terminal. {@code System.console()} is null otherwise up to
     * Java 21; from Java 22 it may be non-null anyway and {@code isTerminal()} says.
     */
    static boolean interactive() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only on a terminal
        }
    }

    static int lines(ConsoleShell shell, InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int status = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue; // leaves the last status alone, as a shell's comment does
            }
            status = shell.execute(line);
            if (shell.exitRequested()) {
                break;
            }
        }
        return status;
    }

    private static int terminal(ConsoleShell shell) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("netemu")
                    .completer(new ConsoleCompleter(shell.lab()))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".netemu_history"))
                    .build();
            int status = 0;
            while (!shell.exitRequested()) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C clears the line, as in a shell
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                }
                if (!line.isBlank()) {
                    status = shell.execute(line);
                }
            }
            reader.getHistory().save();
            return status;
        }
    }
}
