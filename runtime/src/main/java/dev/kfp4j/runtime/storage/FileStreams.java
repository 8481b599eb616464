package dev.kfp4j.runtime.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams over file channels for {@link FileObjectStore}. When one file object is copied into another
 * ({@code in.transferTo(out)}), the bytes move inside the kernel ({@link FileChannel#transferTo})
 * instead of through a user-space buffer, as {@code cp} does.
 */
final class FileStreams {

  private FileStreams() {}

  static InputStream read(Path path) throws IOException {
    return new Input(FileChannel.open(path, StandardOpenOption.READ));
  }

  static OutputStream write(Path path) throws IOException {
    return new Output(FileChannel.open(path, StandardOpenOption.WRITE));
  }

  /** Reads a file through its channel. */
  static final class Input extends InputStream {
    private final FileChannel channel;

    Input(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      return channel.read(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public long skip(long n) throws IOException {
      long position = channel.position();
      long skipped = Math.max(0, Math.min(n, channel.size() - position));
      channel.position(position + skipped);
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - channel.position()));
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
      if (!(out instanceof Output target)) {
        return super.transferTo(out);
      }
      long start = channel.position();
      long size = channel.size();
      long position = start;
      while (position < size) {
        long moved = channel.transferTo(position, size - position, target.channel);
        if (moved <= 0) {
          break; // the file shrank while being copied: stop at what is there, as a read loop would
        }
        position += moved;
      }
      channel.position(position);
      return position - start;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** Writes a file through its channel, without buffering (the bytes a writer hands over go straight down). */
  static final class Output extends OutputStream {
    private final FileChannel channel;

    Output(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
