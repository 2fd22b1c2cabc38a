package dev.sipcredentials.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One journal record: the changes of one acknowledged request, replayed together or not at all (a transaction is
 * one record). Each change is a kind byte, the table name and a JSON payload (the item, the key, the table spec or
 * the TTL attribute).
 */
final class JournalRecord {
    static final byte PUT = 1;
    static final byte DELETE = 2;
    static final byte CREATE_TABLE = 3;
    static final byte DELETE_TABLE = 4;
    static final byte TTL = 5;
    /** A table's new definition (UpdateTable, tags): the whole spec, as CREATE_TABLE carries it. */
    static final byte REDEFINE_TABLE = 6;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private final DataOutputStream out = new DataOutputStream(bytes);

    JournalRecord add(byte kind, String table, byte[] payload) {
        try {
            out.writeByte(kind);
            out.writeUTF(table);
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    interface Change {
        void apply(byte kind, String table, byte[] payload);
    }

    static void read(byte[] record, Change change) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        while (in.available() > 0) {
            byte kind = in.readByte();
            String table = in.readUTF();
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            change.apply(kind, table, payload);
        }
    }
}
