<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CalendarSettings</name>
    <message numerus="yes">
        <source>Connected to {calendar}: %n event(s) in the next {days} days.</source>
        <translation>
            <numerusform>Connected to {calendar}: %n event in the next {days} days.</numerusform>
            <numerusform>Connected to {calendar}: %n events in the next {days} days.</numerusform>
        </translation>
    </message>
</context>
</TS>
