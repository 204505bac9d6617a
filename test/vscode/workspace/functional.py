import keras
from keras import layers


def head(x):
    drop = layers.Dropout(0.5)
    norm = layers.BatchNormalization()
    x = drop(x)
    return norm(x)


inputs = keras.Input(shape=(32,))
x = layers.Dense(64, use_bias=False)(inputs)
outputs = layers.Dense(1)(head(x))
model = keras.Model(inputs, outputs)
