package org.jlaplace.bench.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An output directory that appears complete or not at all. Files are written into a hidden staging
 * directory beside the target ({@code .NAME.partial-PID}), each file by write-then-rename; {@link
 * #commit()} renames the staging directory to the target. {@link #abandon()} deletes it. When the
 * JVM is interrupted (Ctrl-C) before the commit, the shutdown hook waits for any checkpoint being
 * written, runs the caller's interrupt action (e.g. mark the summary "interrupted") and commits, so
 * the target holds the last complete checkpoint. Without such an action an interrupt removes the
 * staging directory. Staging directories left by killed runs are removed by the next run on the
 * same target. All writes and the hook synchronise on one lock.
 */
public final class RunDirectory {
    /** Writes one file's bytes. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the content to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private final Object lock = new Object();
    private boolean finished;
    private Thread hook;
    private Runnable onInterrupt = () -> { };

    private RunDirectory(Path target, Path staging, boolean overwrite) {
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /**
     * Prepares a run directory at {@code target}. Refuses (with an {@link IllegalArgumentException}
     * naming {@code --out} and the reason) an empty path, an existing target unless
     * {@code overwrite}, a target that is a file, and a parent that cannot be written. Staging
     * directories of the same target left by runs that were killed ({@code kill -9}) are removed
     * when their process is gone; each such finding is passed to {@code notice}. Until
     * {@link #commit()}, {@link #abandon()} or {@link #commitOnInterrupt} the staging directory is
     * removed if the JVM is interrupted (Ctrl-C, SIGTERM).
     */
    public static RunDirectory create(Path target, boolean overwrite, Consumer<String> notice) {
        if (target.toString().isBlank()) {
            throw new IllegalArgumentException("--out: an empty path does not name a directory");
        }
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new IllegalArgumentException("--out " + target + ": is the root directory; name a new directory");
        }
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new IllegalArgumentException("--out " + target + ": exists and is not a directory");
            }
            if (!overwrite) {
                throw new IllegalArgumentException("--out " + target + ": directory exists (choose another or add --overwrite)");
            }
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            removeStale(parent, abs.getFileName().toString(), notice);
            Path staging = parent.resolve(STAGING_PREFIX.apply(abs.getFileName().toString()) + ProcessHandle.current().pid());
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
            RunDirectory dir = new RunDirectory(abs, staging, overwrite);
            // The hook goes in before the directory exists, and the directory is made under the hook's
            // lock: a signal that arrives as soon as the directory is visible still removes it.
            dir.installHook(dir::abandonOnInterrupt);
            dir.createStaging();
            return dir;
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + target + ": cannot create: " + reason(e), e);
        }
    }

    /** As {@link #create(Path, boolean, Consumer)}, ignoring the notices. */
    public static RunDirectory create(Path target, boolean overwrite) {
        return create(target, overwrite, m -> { });
    }

    private static final java.util.function.UnaryOperator<String> STAGING_PREFIX = name -> "." + name + ".partial-";

    /**
     * Removes {@code .NAME.partial-PID} and {@code .NAME.old-PID} directories beside the target whose
     * process has ended (left by {@code kill -9}); those of live processes are only named.
     */
    static void removeStale(Path parent, String name, Consumer<String> notice) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, "." + name + ".*-*")) {
            for (Path p : entries) {
                candidates.add(p);
            }
        }
        long self = ProcessHandle.current().pid();
        for (Path p : candidates) {
            String rest = p.getFileName().toString().substring(name.length() + 2);
            int dash = rest.lastIndexOf('-');
            String kind = rest.substring(0, dash);
            if (!kind.equals("partial") && !kind.equals("old")) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(rest.substring(dash + 1));
            } catch (NumberFormatException notOurs) {
                continue;
            }
            if (pid == self) {
                continue;
            }
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                notice.accept("note: " + p + " belongs to process " + pid
                        + ", which is still running (another run on the same --out?)");
                continue;
            }
            deleteTree(p);
            notice.accept("note: removed " + p + ", left by process " + pid + " which ended without finishing");
        }
    }

    /** The reason of an I/O failure in words (the JDK's messages for these are only the path). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way (" + e.getMessage() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such directory (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + " (" + fs.getFile() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Where the results will be once committed. */
    public Path target() {
        return target;
    }

    /** Where files are being written now. */
    public Path staging() {
        return staging;
    }

    /** Writes {@code name} inside the staging directory by writing a temporary file and renaming it. */
    public void write(String name, Writer writer) {
        synchronized (lock) {
            if (finished) {
                throw new IllegalStateException("run directory " + target + " is already finished");
            }
            Path tmp = staging.resolve(name + ".tmp");
            boolean done = false;
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    writer.write(out);
                }
                move(tmp, staging.resolve(name));
                done = true;
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + staging.resolve(name), e);
            } finally {
                if (!done) {
                    deleteQuietly(tmp);
                }
            }
        }
    }

    /** Writes a UTF-8 text file. */
    public void writeString(String name, String text) {
        write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Runs {@code action} (several writes forming one checkpoint) while the interrupt hook waits. */
    public void checkpoint(Runnable action) {
        synchronized (lock) {
            action.run();
        }
    }

    /**
     * Installs the Ctrl-C hook: on JVM shutdown before {@link #commit()}, run {@code action} and
     * commit whatever complete checkpoint is staged.
     */
    public void commitOnInterrupt(Runnable action) {
        commitOnInterrupt(() -> { }, action);
    }

    /**
     * As {@link #commitOnInterrupt(Runnable)}, first running {@code settle} without holding the
     * directory's lock: e.g. waiting for writes that a background thread makes under that lock.
     */
    public void commitOnInterrupt(Runnable settle, Runnable action) {
        this.onInterrupt = action;
        installHook(() -> {
            try {
                settle.run();
            } catch (RuntimeException e) {
                // Whatever did not settle, the checkpoint already on disk is still worth keeping.
            }
            synchronized (lock) {
                if (finished) {
                    return;
                }
                try {
                    onInterrupt.run();
                } catch (RuntimeException e) {
                    // The checkpoint already on disk is still worth keeping.
                }
                try {
                    commitLocked();
                } catch (RuntimeException e) {
                    // A shutdown hook has no caller: say what happened instead of an uncaught-exception trace.
                    System.err.println("jlaplace: interrupted; " + e.getMessage());
                }
            }
        });
    }

    /** Replaces the shutdown hook by {@code action}. */
    private void installHook(Runnable action) {
        removeHook();
        hook = new Thread(action, "jlaplace-run-directory-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Makes the staging directory unless an interrupt has already finished this run. */
    private void createStaging() throws IOException {
        synchronized (lock) {
            if (finished) {
                throw new IOException("interrupted before the staging directory " + staging + " was made");
            }
            Files.createDirectory(staging);
        }
    }

    /** The default shutdown action: an interrupted run leaves nothing behind. */
    private void abandonOnInterrupt() {
        synchronized (lock) {
            if (!finished) {
                finished = true;
                try {
                    deleteTree(staging);
                } catch (IOException e) {
                    // Shutting down: nothing else can be done; a later run removes it as stale.
                }
            }
        }
    }

    /** Makes the staged files appear at the target. */
    public void commit() {
        synchronized (lock) {
            if (!finished) {
                commitLocked();
            }
        }
        removeHook();
    }

    /** Deletes the staged files; the target is left as it was. */
    public void abandon() {
        synchronized (lock) {
            if (!finished) {
                finished = true;
                try {
                    deleteTree(staging);
                } catch (IOException e) {
                    throw new UncheckedIOException("deleting " + staging, e);
                }
            }
        }
        removeHook();
    }

    private void commitLocked() {
        finished = true;
        try {
            if (Files.exists(target)) {
                if (!overwrite) {
                    Path aside = target.resolveSibling(target.getFileName() + "-" + ProcessHandle.current().pid());
                    move(staging, aside);
                    throw new OutputConflictException("--out " + target + ": was created by another run while this one"
                            + " was running (two runs on one --out?); this run's results are in " + aside);
                }
                Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
                move(target, old);
                move(staging, target);
                deleteTree(old);
            } else {
                move(staging, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("renaming " + staging + " to " + target, e);
        }
    }

    private void removeHook() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook sees `finished` and does nothing.
            }
            hook = null;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // The write already failed; that failure is the one to report.
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
