package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every table, the item locks, and (with a directory) the journal and snapshots that make acknowledged writes
 * survive a crash.
 *
 * <p>Files in the directory: {@code snapshot-G.bin} (every table and item as of generation G) and
 * {@code journal-G.log} (the changes since). Both hold [length][CRC32][record] frames (see {@link JournalRecord}).
 * Compaction writes snapshot G+1, then starts journal G+1 and deletes generation G; a crash at any point leaves a
 * generation whose snapshot and journal together are complete.
 */
final class Database implements AutoCloseable {
    private static final long COMPACT_AT_LEAST_BYTES = 64L << 20;

    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    final KeyLocks locks = new KeyLocks();
    private final Path dir;
    private final Journal journal;
    /** Writers share it (read side); compaction takes it exclusively so the snapshot sees no half-applied write. */
    private final ReentrantReadWriteLock compactionLock = new ReentrantReadWriteLock();
    private long generation;
    private long lastSnapshotBytes;
    private final java.util.concurrent.atomic.AtomicBoolean compacting = new java.util.concurrent.atomic.AtomicBoolean();

    private Database(Path dir, Journal journal) {
        this.dir = dir;
        this.journal = journal;
    }

    static Database inMemory() {
        return new Database(null, Journal.NONE);
    }

    /** Opens (or creates) a durable database in {@code dir}: loads the newest snapshot and replays its journal. */
    static Database open(Path dir) throws IOException {
        Files.createDirectories(dir);
        long generation = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "snapshot-*.bin")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                generation = Math.max(generation, Long.parseLong(n.substring(9, n.length() - 4)));
            }
        }
        if (generation < 0) {
            generation = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "journal-*.log")) {
                for (Path f : files) {
                    String n = f.getFileName().toString();
                    generation = Math.max(generation, Long.parseLong(n.substring(8, n.length() - 4)));
                }
            }
        }
        Path snapshot = dir.resolve("snapshot-" + generation + ".bin");
        Path journalFile = dir.resolve("journal-" + generation + ".log");
        Database loading = new Database(dir, Journal.NONE);
        AppendLog.readAll(snapshot, loading::replay);
        long good = AppendLog.readAll(journalFile, loading::replay);
        if (Files.exists(journalFile) && Files.size(journalFile) > good) {
            try (var ch = java.nio.channels.FileChannel.open(journalFile, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(good); // a torn tail: the write it held was never acknowledged
                ch.force(true);
            }
        }
        deleteOtherGenerations(dir, generation);
        Database db = new Database(dir, new AppendLog(journalFile));
        db.tables.putAll(loading.tables);
        db.generation = generation;
        db.lastSnapshotBytes = Files.exists(snapshot) ? Files.size(snapshot) : 0;
        return db;
    }

    private static void deleteOtherGenerations(Path dir, long keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                boolean ours = (n.startsWith("snapshot-") && n.endsWith(".bin")) || (n.startsWith("journal-") && n.endsWith(".log"))
                        || n.endsWith(".tmp");
                if (ours && !n.equals("snapshot-" + keep + ".bin") && !n.equals("journal-" + keep + ".log")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    boolean durable() {
        return journal.durable();
    }

    Table table(String name) {
        return tables.get(name);
    }

    /** Table names in DynamoDB's ListTables order. */
    List<String> tableNames() {
        return List.copyOf(new TreeMap<>(tables).keySet());
    }

    Iterable<Table> tables() {
        return tables.values();
    }

    // ---- writes

    /** Holds the locks of a write's items; closing releases them, then waits until the write is durable. */
    final class WriteScope implements AutoCloseable {
        private final int[] stripes;
        private long ticket = -1;
        private boolean released;

        private WriteScope(int[] stripes) {
            this.stripes = stripes;
            if (journal.durable()) {
                compactionLock.readLock().lock();
            }
            locks.lock(stripes);
        }

        /** Applies the changes and journals them as one record. */
        void commit(List<Mutation> mutations) {
            JournalRecord record = journal.durable() ? new JournalRecord() : null;
            boolean changed = false;
            for (Mutation m : mutations) {
                if (m.previous == null && m.next == null) {
                    continue;
                }
                changed = true;
                m.table.apply(m.key, m.previous, m.previousAttributes, m.next, m.nextAttributes);
                if (record != null) {
                    if (m.next != null) {
                        record.add(JournalRecord.PUT, m.table.name(), m.next.json);
                    } else if (m.previous != null) {
                        record.add(JournalRecord.DELETE, m.table.name(), ItemJson.encode(m.table.keyAttributes(m.key)));
                    }
                }
            }
            if (record != null && changed) {
                ticket = journal.append(record.toBytes());
            }
        }

        void commit(Mutation mutation) {
            commit(List.of(mutation));
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            locks.unlock(stripes);
            if (journal.durable()) {
                compactionLock.readLock().unlock();
                if (ticket >= 0) {
                    awaitDurable(ticket);
                }
            }
        }
    }

    WriteScope lockItem(Table table, StoreKey key) {
        return new WriteScope(new int[] {KeyLocks.stripe(table.name(), key)});
    }

    /** Locks several items (a transaction or batch) in the global stripe order. */
    WriteScope lockItems(int[] stripes) {
        return new WriteScope(KeyLocks.ordered(stripes));
    }

    private void awaitDurable(long ticket) {
        try {
            journal.awaitDurable(ticket);
        } catch (UncheckedIOException e) {
            throw new DynamoDbException(DynamoDbException.INTERNAL_SERVER_ERROR, "The journal could not be written");
        }
        if (journal instanceof AppendLog
                && ((AppendLog) journal).size() > Math.max(COMPACT_AT_LEAST_BYTES, 2 * lastSnapshotBytes)
                && compacting.compareAndSet(false, true)) {
            try {
                compactQuietly();
            } finally {
                compacting.set(false);
            }
        }
    }

    /** Table-level changes (create, delete, TTL) are journaled like item writes, under the compaction lock. */
    void commitTableChange(Runnable apply, byte kind, String table, byte[] payload) {
        long ticket = -1;
        if (journal.durable()) {
            compactionLock.readLock().lock();
        }
        try {
            synchronized (tables) {
                apply.run();
                if (journal.durable()) {
                    ticket = journal.append(new JournalRecord().add(kind, table, payload).toBytes());
                }
            }
        } finally {
            if (journal.durable()) {
                compactionLock.readLock().unlock();
            }
        }
        if (ticket >= 0) {
            awaitDurable(ticket);
        }
    }

    /** Creates a table unless one of that name exists; returns it, or null when the name is taken. */
    Table createTable(TableDefinition def) {
        Table[] created = new Table[1];
        commitTableChange(() -> {
            if (!tables.containsKey(def.name)) {
                created[0] = new Table(def);
                tables.put(def.name, created[0]);
            }
        }, JournalRecord.CREATE_TABLE, def.name, ItemJson.encode(def.spec));
        return created[0];
    }

    Table deleteTable(String name) {
        Table[] removed = new Table[1];
        commitTableChange(() -> removed[0] = tables.remove(name), JournalRecord.DELETE_TABLE, name, new byte[0]);
        return removed[0];
    }

    /** Replaces a table's definition (UpdateTable, tags), journaled as its whole new spec. */
    void redefineTable(Table table, TableDefinition next) {
        commitTableChange(() -> {
            int[] all = KeyLocks.all();
            locks.lock(all);
            try {
                table.redefine(next);
            } finally {
                locks.unlock(all);
            }
        }, JournalRecord.REDEFINE_TABLE, table.name(), ItemJson.encode(next.spec));
    }

    void setTtl(Table table, String attributeOrNull) {
        commitTableChange(() -> applyTtl(table, attributeOrNull), JournalRecord.TTL, table.name(),
                (attributeOrNull == null ? "" : attributeOrNull).getBytes(StandardCharsets.UTF_8));
    }

    private static void applyTtl(Table table, String attributeOrNull) {
        table.ttlAttribute = attributeOrNull;
        for (StoredItem item : table.items.values()) {
            item.expiresAt = attributeOrNull == null ? Long.MAX_VALUE : table.expiresAt(item.attributes());
        }
    }

    // ---- replay and compaction

    private void replay(byte[] record) throws IOException {
        JournalRecord.read(record, (kind, tableName, payload) -> {
            switch (kind) {
                case JournalRecord.CREATE_TABLE:
                    ObjectNode spec = ItemJson.decodeNode(payload);
                    tables.put(tableName, new Table(TableDefinition.fromSpec(spec)));
                    break;
                case JournalRecord.DELETE_TABLE:
                    tables.remove(tableName);
                    break;
                case JournalRecord.REDEFINE_TABLE: {
                    Table t = tables.get(tableName);
                    if (t != null) {
                        t.redefine(TableDefinition.fromSpec(ItemJson.decodeNode(payload)));
                    }
                    break;
                }
                case JournalRecord.TTL:
                    Table t = tables.get(tableName);
                    if (t != null) {
                        String attr = new String(payload, StandardCharsets.UTF_8);
                        applyTtl(t, attr.isEmpty() ? null : attr);
                    }
                    break;
                case JournalRecord.PUT: {
                    Table table = tables.get(tableName);
                    if (table != null) {
                        var attributes = ItemJson.decode(payload);
                        StoreKey key = table.keyOfItem(attributes);
                        StoredItem previous = table.get(key);
                        table.apply(key, previous, null, table.store(key, attributes), attributes);
                    }
                    break;
                }
                case JournalRecord.DELETE: {
                    Table table = tables.get(tableName);
                    if (table != null) {
                        StoreKey key = table.keyOfKey(ItemJson.decode(payload));
                        StoredItem previous = table.get(key);
                        if (previous != null) {
                            table.apply(key, previous, null, null, null);
                        }
                    }
                    break;
                }
                default:
                    throw new UncheckedIOException(new IOException("unknown journal record kind " + kind));
            }
        });
    }

    private void compactQuietly() {
        try {
            compact();
        } catch (IOException e) {
            // the journal still holds everything: compaction is retried when it grows further
        }
    }

    /** Writes a snapshot of everything and starts a fresh journal. */
    void compact() throws IOException {
        if (!(journal instanceof AppendLog)) {
            return;
        }
        compactionLock.writeLock().lock();
        try {
            AppendLog log = (AppendLog) journal;
            log.flush();
            long next = generation + 1;
            Path tmp = dir.resolve("snapshot-" + next + ".tmp");
            try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16))) {
                for (Table t : tables.values()) {
                    AppendLog.writeFramed(out, new JournalRecord()
                            .add(JournalRecord.CREATE_TABLE, t.name(), ItemJson.encode(t.def.spec)).toBytes());
                    if (t.ttlAttribute != null) {
                        AppendLog.writeFramed(out, new JournalRecord()
                                .add(JournalRecord.TTL, t.name(), t.ttlAttribute.getBytes(StandardCharsets.UTF_8)).toBytes());
                    }
                    for (StoredItem item : t.items.values()) {
                        AppendLog.writeFramed(out, new JournalRecord().add(JournalRecord.PUT, t.name(), item.json).toBytes());
                    }
                }
                out.flush();
                file.getFD().sync();
            }
            Path snapshot = dir.resolve("snapshot-" + next + ".bin");
            Files.move(tmp, snapshot, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            log.switchTo(dir.resolve("journal-" + next + ".log"));
            syncDirectory();
            Files.deleteIfExists(dir.resolve("journal-" + generation + ".log"));
            Files.deleteIfExists(dir.resolve("snapshot-" + generation + ".bin"));
            generation = next;
            lastSnapshotBytes = Files.size(snapshot);
        } finally {
            compactionLock.writeLock().unlock();
        }
    }

    private void syncDirectory() {
        try (var ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be fsynced; the rename is then as durable as it gets
        }
    }

    @Override
    public void close() {
        if (journal.durable()) {
            try {
                compact();
            } catch (IOException e) {
                // the journal remains and is replayed at the next start
            }
        }
        journal.close();
    }
}
