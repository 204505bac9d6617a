from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential(
    [
        layers.Dense(128, use_bias=False, input_shape=(20,)),
        layers.Dropout(0.3),
        layers.BatchNormalization(momentum=0.9),
        layers.Activation("relu"),
        layers.Dense(10, activation="softmax"),
    ]
)
