package dev.kfp4j.runtime.value;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A record as a JSON object of its components: every component present, none {@code null}, no other
 * key; written with the components sorted by name. The components and the canonical constructor are
 * looked up once, on first use (so a record that contains itself, a tree, resolves lazily).
 */
final class RecordCodec<R> extends Codec<R> {

  private final Class<R> type;
  private Shape<R> shape;

  RecordCodec(Class<R> type) {
    super(type.getTypeName(), false);
    this.type = type;
  }

  private record Component(String name, int index, Codec<Object> codec, Method accessor) {}

  private record Shape<R>(Component[] declared, Component[] sorted, Map<String, Component> byName,
      Constructor<R> constructor, String names) {}

  @SuppressWarnings("unchecked")
  private synchronized Shape<R> shape() {
    if (shape == null) {
      RecordComponent[] components = type.getRecordComponents();
      Component[] declared = new Component[components.length];
      Class<?>[] parameterTypes = new Class<?>[components.length];
      Map<String, Component> byName = new HashMap<>();
      StringBuilder names = new StringBuilder();
      for (int i = 0; i < components.length; i++) {
        Method accessor = components[i].getAccessor();
        accessor.trySetAccessible();
        declared[i] = new Component(components[i].getName(), i,
            (Codec<Object>) Codecs.forType(components[i].getGenericType()), accessor);
        byName.put(declared[i].name(), declared[i]);
        parameterTypes[i] = components[i].getType();
        names.append(i == 0 ? "" : ", ").append(declared[i].name());
      }
      Component[] sorted = declared.clone();
      Arrays.sort(sorted, new ByName());
      Constructor<R> constructor;
      try {
        constructor = type.getDeclaredConstructor(parameterTypes);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
      }
      constructor.trySetAccessible();
      shape = new Shape<>(declared, sorted, byName, constructor, names.toString());
    }
    return shape;
  }

  // A class, not a lambda: no invokedynamic bootstrap on the start-up path.
  private static final class ByName implements java.util.Comparator<Component> {
    @Override
    public int compare(Component a, Component b) {
      return a.name().compareTo(b.name());
    }
  }

  @Override
  R read(JsonParser parser, boolean kfpNumbers) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw Codecs.coercion(parser, toString());
    }
    Shape<R> shape = shape();
    Object[] values = new Object[shape.declared().length];
    boolean[] seen = new boolean[values.length];
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
      Component component = shape.byName().get(parser.currentName());
      if (component == null) {
        throw new Mismatch(parser, "Unrecognized field \"" + parser.currentName() + "\" (record "
            + type.getSimpleName() + " has: " + shape.names() + ")");
      }
      if (parser.nextToken() == JsonToken.VALUE_NULL) {
        throw new Mismatch(parser, "record component '" + component.name() + "' cannot be null (a "
            + component.codec() + " is needed)");
      }
      values[component.index()] = component.codec().read(parser, kfpNumbers);
      seen[component.index()] = true;
    }
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        // The parser has left the object: its context is where the object sits.
        throw new Mismatch(path(parser.getParsingContext(), "." + shape.declared()[i].name()),
            parser.currentTokenLocation(), "Missing creator property '" + shape.declared()[i].name()
            + "' (record " + type.getSimpleName() + " needs: " + shape.names() + ")");
      }
    }
    try {
      return shape.constructor().newInstance(values);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new Mismatch(path(parser.getParsingContext(), ""), parser.currentTokenLocation(),
          "Cannot construct instance of `" + this + "`, problem: " + cause.getClass().getName()
          + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct record " + type.getName() + ": " + e, e);
    }
  }

  @Override
  void write(JsonGenerator generator, R value) throws IOException {
    Shape<R> shape = shape();
    generator.writeStartObject();
    for (Component component : shape.sorted()) {
      Object item;
      try {
        item = component.accessor().invoke(value);
      } catch (InvocationTargetException e) {
        throw new IOException("accessor " + component.name() + "() of " + type.getName() + " threw " + e.getCause(), e);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read record component " + component.name() + " of " + type.getName(), e);
      }
      if (item == null) {
        throw new NullValue("record component '" + component.name() + "' of " + type.getSimpleName()
            + " is null; a record component cannot be null");
      }
      generator.writeFieldName(component.name());
      component.codec().write(generator, item);
    }
    generator.writeEndObject();
  }
}
