package dev.sipcredentials.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * The durable journal: records framed as [length][CRC32][payload], appended to one file, fsynced by group commit —
 * the first writer to wait becomes the leader, writes and fsyncs everything appended so far, and wakes the others,
 * so concurrent writers share one fsync. A torn tail (a crash mid-write) fails its CRC and is cut off at replay.
 */
final class AppendLog implements Journal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private FileChannel channel;
    private ByteBuffer pending = ByteBuffer.allocate(1 << 16);
    private ByteBuffer spare = ByteBuffer.allocate(1 << 16);
    private long appended;
    private long durable;
    private boolean flushing;
    private long fileSize;
    private IOException failure;

    AppendLog(Path file) throws IOException {
        open(file);
    }

    private void open(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        fileSize = channel.size();
        channel.position(fileSize);
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public long append(byte[] record) {
        lock.lock();
        try {
            int need = 8 + record.length;
            if (pending.remaining() < need) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + need));
                pending.flip();
                bigger.put(pending);
                pending = bigger;
            }
            CRC32 crc = new CRC32();
            crc.update(record);
            pending.putInt(record.length).putInt((int) crc.getValue()).put(record);
            return ++appended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (durable < ticket) {
                if (failure != null) {
                    throw new UncheckedIOException(failure);
                }
                if (flushing) {
                    flushed.awaitUninterruptibly();
                    continue;
                }
                flushBatch();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock; releases it while writing and fsyncing. */
    private void flushBatch() {
        flushing = true;
        ByteBuffer batch = pending;
        pending = spare;
        pending.clear();
        long upTo = appended;
        lock.unlock();
        IOException error = null;
        try {
            batch.flip();
            while (batch.hasRemaining()) {
                channel.write(batch);
            }
            channel.force(false);
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
        }
        spare = batch;
        fileSize = channel.isOpen() ? fileSizeQuietly() : fileSize;
        flushing = false;
        if (error != null) {
            failure = error;
        } else {
            durable = upTo;
        }
        flushed.signalAll();
    }

    private long fileSizeQuietly() {
        try {
            return channel.size();
        } catch (IOException e) {
            return fileSize;
        }
    }

    /** Everything appended so far is on disk when this returns. */
    void flush() {
        long ticket;
        lock.lock();
        try {
            ticket = appended;
        } finally {
            lock.unlock();
        }
        awaitDurable(ticket);
    }

    long size() {
        lock.lock();
        try {
            return fileSize + pending.position();
        } finally {
            lock.unlock();
        }
    }

    /** Continues in a new file (after a snapshot made the old one redundant); the caller stops all appends. */
    void switchTo(Path file) throws IOException {
        flush();
        lock.lock();
        try {
            channel.close();
            open(file);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // closing after a flush loses nothing
            }
        }
    }

    /** Reads framed records from a file until its end or a torn/corrupt record; returns the length of the good part. */
    static long readAll(Path file, RecordReader reader) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            ByteBuffer header = ByteBuffer.allocate(8);
            long position = 0;
            while (position + 8 <= size) {
                header.clear();
                readFully(in, header, position);
                header.flip();
                int length = header.getInt();
                int expectedCrc = header.getInt();
                if (length < 0 || position + 8 + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(in, payload, position + 8);
                CRC32 crc = new CRC32();
                crc.update(payload.array());
                if ((int) crc.getValue() != expectedCrc) {
                    break;
                }
                reader.record(payload.array());
                position += 8 + length;
            }
            return position;
        }
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** Writes one framed record to a stream (snapshots use the same framing as the journal). */
    static void writeFramed(java.io.DataOutputStream out, byte[] record) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(record);
        out.writeInt(record.length);
        out.writeInt((int) crc.getValue());
        out.write(record);
    }

    interface RecordReader {
        void record(byte[] payload) throws IOException;
    }
}
