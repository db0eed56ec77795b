"""Python's msgpack (its C extension) and json on lesson 15's objects, as dicts, for the record
beside the C# benchmark: encode + decode per object, median of 7 runs. Run with Debian's python3:
    /usr/bin/python3 bench/serialization-python.py
"""
import datetime, json, statistics, timeit
import msgpack

at = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.timezone.utc)
chat = {"From": "ada", "Text": "Hello from the object channel! Nothing here is pickled.", "Sent": msgpack.Timestamp.from_datetime(at), "Tags": ["greeting", "lesson-15"]}
chat_json = dict(chat, Sent=at.isoformat())
reading = {"Station": "Zürich-Fluntern", "Celsius": 21.5, "Humidity": 0.43, "At": msgpack.Timestamp.from_datetime(at), "Samples": [1000 + i * 37 % 200 for i in range(20)]}
batch = [dict(reading, Celsius=20 + i * 0.1) for i in range(100)]
batch_json = [dict(r, At=at.isoformat()) for r in batch]

def measure(name, encode, decode, value, number):
    runs = timeit.repeat(lambda: decode(encode(value)), number=number, repeat=7)
    print(f"{name}: {statistics.median(runs) / number * 1e6:.2f} us per encode + decode, {len(encode(value))} bytes")

measure("chat, msgpack", msgpack.packb, msgpack.unpackb, chat, 20000)
measure("chat, json", lambda v: json.dumps(v).encode(), json.loads, chat_json, 20000)
measure("batch, msgpack", msgpack.packb, msgpack.unpackb, batch, 200)
measure("batch, json", lambda v: json.dumps(v).encode(), json.loads, batch_json, 200)
print("msgpack", msgpack.version, "C extension" if msgpack.Packer.__module__.endswith("_cmsgpack") else "pure Python")
